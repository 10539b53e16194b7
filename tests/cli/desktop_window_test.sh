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
const data = fs.readFileSync(process.argv[2]);
const header = data.toString('latin1', 0, 20).split(/\s+/);
const [magic, width, height] = [header[0], Number(header[1]), Number(header[2])];
const offset = data.indexOf('255\n') + 4;
let blue = 0, orange = 0;
const colours = new Set();
for (let i = offset; i + 2 < data.length; i += 3) {
  const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
  colours.add((r << 16) | (g << 8) | b);
  if (b > r + 60) blue++;
  if (r > b + 60 && g > b) orange++;
}
console.log(`desktop frame ${width}x${height}: ${colours.size} colours, ${blue} blue and ${orange} orange pixels`);
if (magic !== 'P6' || width !== 1280 || height !== 800) throw new Error('unexpected frame size');
if (colours.size < 50) throw new Error('the window looks blank');
if (blue < 5000 || orange < 5000) throw new Error('no heatmap with both classes');
JS
echo "desktop window: ok"
