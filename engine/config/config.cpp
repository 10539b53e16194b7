#include "config/config.h"

namespace netlab {

void CopyLiveSettings(const Config& from, Config& to) {
  to.optimizer = from.optimizer;
  to.schedule = from.schedule;
  to.batch_size = from.batch_size;
  to.regularization.l1 = from.regularization.l1;
  to.regularization.l2 = from.regularization.l2;
  to.regularization.clip_norm = from.regularization.clip_norm;
  to.regularization.patience = from.regularization.patience;
  to.layout = from.layout;  // a UI layout, nothing the model depends on
  to.palette = from.palette;
  to.view = from.view;
  to.course = from.course;  // what the page shows, nothing the model depends on
  to.show = from.show;      // what the views show (ShowConfig): a log axis or a past step never rebuilds the run
}

}  // namespace netlab
