// An example of limen's JS API used from another page's own script, on its own canvas.
(async () => {
  const limen = await limenReady;                       // the module is loaded

  // Draw something on our own canvas: a lighting gradient with dark shapes on it.
  const src = document.getElementById('source');
  const g = src.getContext('2d');
  const grad = g.createLinearGradient(0, 0, src.width, 0);
  grad.addColorStop(0, '#606060');
  grad.addColorStop(1, '#e8e8e8');
  g.fillStyle = grad;
  g.fillRect(0, 0, src.width, src.height);
  g.fillStyle = '#202020';
  g.font = 'bold 44px sans-serif';
  g.fillText('limen', 40, 90);
  g.beginPath(); g.arc(250, 140, 35, 0, 2 * Math.PI); g.fill();
  const pixels = g.getImageData(0, 0, src.width, src.height);

  // Threshold it: a global method, then a local one. Each returns a new ImageData.
  const otsu = limen.threshold(pixels, { method: 'otsu' });
  document.getElementById('otsu').getContext('2d').putImageData(otsu.image, 0, 0);
  document.getElementById('otsuCaption').textContent = `Otsu: level ${otsu.level}, ${otsu.ms.toFixed(1)} ms`;

  const sauvola = limen.threshold(pixels, { method: 'sauvola', window: 25, k: 0.2 });
  document.getElementById('sauvola').getContext('2d').putImageData(sauvola.image, 0, 0);
  document.getElementById('sauvolaCaption').textContent = `Sauvola (window 25): a level per pixel, ${sauvola.ms.toFixed(1)} ms`;

  // Show this very script on the page.
  document.getElementById('code').textContent = await (await fetch('api-example.js')).text();
})().catch((e) => { document.getElementById('code').textContent = 'Error: ' + e.message; });
