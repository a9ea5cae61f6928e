/** Larger files are refused unread: no entry or note is anywhere near this size. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** topics.yaml lists every entry ID once, so it grows with the dataset: 16 MiB holds about 500k IDs. */
export const MAX_TOPICS_FILE_BYTES = 16 * 1024 * 1024;
