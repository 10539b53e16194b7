#pragma once
// Round tick values for an axis, shared by the page's line plot (ui/widgets/line_plot.cpp) and the
// exported figures (export/figure_svg.cpp), so a slide's axis reads as the page's does.
#include <vector>

namespace netlab {

// Round tick values in [low, high]: steps of 1, 2 or 5 times a power of ten, at most `most` of them
// (Heckbert, "Nice numbers for graph labels", Graphics Gems 1990). Empty unless high > low and most >= 1.
std::vector<double> NiceTicks(double low, double high, int most);

}  // namespace netlab
