// The baseline for `make bench`: the same page as the widget's standalone page, with five
// plain range inputs and a Loss output computed by a few lines of JavaScript, no wasm and no
// framework. The widget's first readout is timed against this one's.
const p = [0.4, 0.25, 0.15, 0.1, 0.1];
const sliders = [...document.querySelectorAll('#baseline input[type=range]')];
const loss = document.querySelector('#baseline output');

function show() {
  loss.textContent = `${(-Math.log(p[0])).toFixed(3)} nats`;
  sliders.forEach((s, i) => { s.value = String(p[i]); });
}

sliders.forEach((slider, i) => slider.addEventListener('input', () => {
  const v = Number(slider.value);
  const others = 1 - p[i];
  for (let j = 0; j < p.length; j++) {
    if (j !== i) p[j] = others > 0 ? (p[j] / others) * (1 - v) : (1 - v) / (p.length - 1);
  }
  p[i] = v;
  show();
}));
show();
