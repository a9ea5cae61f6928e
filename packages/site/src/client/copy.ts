// The copy buttons of an entry page: each copies the text of the element its data-copy names (the
// entry's BibTeX, RIS, CSL-JSON or APA reference, written into the page at build time). Without
// JavaScript the buttons stay hidden and the text remains readable and selectable in the page.
(() => {
  const group = document.querySelector<HTMLElement>('[data-copy-buttons]');
  if (!group) return;
  const status = group.querySelector<HTMLElement>('.copy-status');

  /** For pages where the Clipboard API is unavailable: select a hidden textarea and copy the selection. */
  function copyBySelection(text: string): boolean {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const done = document.execCommand('copy');
    area.remove();
    return done;
  }

  async function copy(text: string): Promise<boolean> {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      return copyBySelection(text);
    }
  }

  for (const button of group.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const source = document.getElementById(button.dataset.copy ?? '');
      if (!source) return;
      const done = await copy(source.textContent ?? '');
      const label = button.dataset.label ?? 'Text';
      if (status)
        status.textContent = done
          ? `${label} copied to the clipboard.`
          : `Could not copy: select the ${label} below instead.`;
      if (!done) {
        const details = source.closest('details');
        if (details) details.open = true;
      }
    });
  }
  group.hidden = false;
})();
