// The embed preview: both frames load the ?embed=1 page with this page's own query (the
// settings the widget's "Preview" link carries), and take the height each reports.
const query = location.search.slice(1);
for (const frame of document.querySelectorAll('.preview-frames iframe')) {
  frame.src = `./?embed=1${query ? `&${query}` : ''}`;
}
addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'loss-explorer:resize' || typeof data.height !== 'number') return;
  for (const frame of document.querySelectorAll('.preview-frames iframe')) {
    if (frame.contentWindow === event.source) frame.height = String(Math.ceil(data.height));
  }
});
