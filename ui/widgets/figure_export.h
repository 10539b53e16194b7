#pragma once
// The playground's pictures as files for slides (issue 35): a "Save figure" button whose menu offers the
// heatmap as an SVG or a PNG at 1x, 2x or 4x and the loss curves as an SVG (engine/export/figure_svg.h
// writes them). The model is evaluated afresh on a grid as fine as the file needs, so a 4x PNG is four
// times as detailed as the 1x one, not the same picture enlarged.
#include <functional>
#include <string>
#include <vector>

#include "export/figure_svg.h"
#include "train/trainer.h"

namespace netlab {

// Offers bytes as a file (ShareActions::save_file: a download in the page, a file on the desktop).
using SaveFile = std::function<void(const std::string& file_name, const std::string& bytes)>;

// The trainer's model over a (cells x cells) grid of the plane, its training points and (show_test) its
// test points, in the palette the page draws with.
HeatmapFigure PlaygroundHeatmapFigure(Trainer& trainer, int cells, bool show_test);
// Train and test loss against step, as the page's loss plot draws them.
CurvesFigure LossCurvesFigure(const std::vector<MetricsPoint>& history, bool log_y);

// "Save figure" at the cursor and its menu: Heatmap SVG, PNG 1×, 2×, 4×, Loss curves SVG. The files are
// netlab-heatmap.svg, netlab-heatmap.png (netlab-heatmap@2x.png, @4x), netlab-loss.svg.
void DrawSaveFigureButton(Trainer& trainer, const std::vector<MetricsPoint>& history, bool show_test, bool log_y,
                          const SaveFile& save_file);

}  // namespace netlab
