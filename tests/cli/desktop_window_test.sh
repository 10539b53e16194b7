#!/usr/bin/env bash
# The desktop app in a real (virtual) X window: it opens, trains, draws the panels and a heatmap with
# both class colours, and saves the frame. Needs xvfb-run (installed by scripts/install-deps).
set -euo pipefail
netlab="$1"
out_dir="$2"
mkdir -p "$out_dir"
shot="$out_dir/desktop.ppm"
rm -f "$shot"
printf 'dataset=xor\nlayers=8:relu,8:relu\ninitializer=he_uniform\n' > "$out_dir/desktop.cfg"
xvfb-run -a -s "-screen 0 1280x800x24" "$netlab" --config "$out_dir/desktop.cfg" --frames 240 --screenshot "$shot"
node - "$shot" <<'JS'
const fs = require('fs');
// The heatmap's colours lie on TensorFlow Playground's palette washed 30 % towards white
// (engine/export/diverging_palette.h, c + (255 - c)·0.3): from the washed middle #f7f7f7 -> (249, 249, 249)
// towards washed blue #0877bd -> (82, 160, 209) or washed orange #f59322 -> (248, 179, 100). A pixel
// counts only if it sits on one of those lines (within 6 per channel) at least half-way out, so ImGui's
// own blue widgets (66, 150, 250), (61, 133, 224), (41, 74, 122)... cannot stand in for the heatmap.
const white = [249, 249, 249], blueEnd = [82, 160, 209], orangeEnd = [248, 179, 100];
function onLine(rgb, end) {
  const d = end.map((e, k) => e - white[k]);
  const k = d.reduce((best, v, i) => (Math.abs(v) > Math.abs(d[best]) ? i : best), 0);
  const s = (rgb[k] - white[k]) / d[k];
  if (s < 0.5 || s > 1.02) return false;
  return rgb.every((v, c) => Math.abs(white[c] + s * d[c] - v) <= 6);
}
function count(pixels) {
  let blue = 0, orange = 0;
  for (const p of pixels) {
    if (onLine(p, blueEnd)) blue++;
    else if (onLine(p, orangeEnd)) orange++;
  }
  return { blue, orange };
}
// The check must fail on a frame of ImGui's default dark-style blues plus an orange that is not the
// palette's: the old "b > r + 60" test passed it.
const imguiBlues = [[66, 150, 250], [61, 133, 224], [41, 74, 122], [36, 69, 110], [26, 102, 191]];
const impostor = [];
for (let i = 0; i < 20000; ++i) impostor.push(i % 2 ? imguiBlues[i % imguiBlues.length] : [245, 147, 34]);
const fake = count(impostor);
if (fake.blue > 0 || fake.orange > 0) throw new Error(`the pixel check accepts ImGui's colours: ${JSON.stringify(fake)}`);

const data = fs.readFileSync(process.argv[2]);
const header = data.toString('latin1', 0, 20).split(/\s+/);
const [magic, width, height] = [header[0], Number(header[1]), Number(header[2])];
const offset = data.indexOf('255\n') + 4;
const colours = new Set();
const pixels = [];
for (let i = offset; i + 2 < data.length; i += 3) {
  const rgb = [data[i], data[i + 1], data[i + 2]];
  colours.add((rgb[0] << 16) | (rgb[1] << 8) | rgb[2]);
  pixels.push(rgb);
}
const { blue, orange } = count(pixels);
console.log(`desktop frame ${width}x${height}: ${colours.size} colours, ${blue} heatmap-blue and ${orange} heatmap-orange pixels`);
if (magic !== 'P6' || width !== 1280 || height !== 800) throw new Error('unexpected frame size');
if (colours.size < 50) throw new Error('the window looks blank');
if (blue < 5000 || orange < 5000) throw new Error('no heatmap with both classes');
JS
echo "desktop window: ok"
