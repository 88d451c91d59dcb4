// Sizes the tutorial's iframe to the height the embedded widget reports.
window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'loss-explorer:resize' || typeof data.height !== 'number') return;
  for (const frame of document.querySelectorAll('iframe.le-frame')) {
    if (frame.contentWindow === event.source) frame.height = String(Math.ceil(data.height));
  }
});
