#pragma once
// The lessons' views (engine/lessons): each a ModelView (model_tabs/model_view.h) that the Models window
// shows for its task.
//   Perceptron: Rosenblatt's threshold rule and the sigmoid unit's gradient rule side by side on the same
//               points, the separating line moving update by update, errors per epoch for both.
//   Flow: the learned density, samples beside the target's, and the base grid warped into the data space.
//   MADE: exact log-likelihoods of MADE, an RBM and independent pixels on binary digits, and samples.
//   DBM: the mean-field bound on training and test digits, the first layer's filters, the chains' samples.
//   Gumbel VAE: the Gumbel-max trick's frequencies against alpha and its relaxed samples at a chosen
//               temperature, then a categorical VAE's test ELBO and the decoded image of each category.
#include <memory>

#include "views/model_view.h"

namespace netlab {

std::unique_ptr<ModelView> MakePerceptronView();
std::unique_ptr<ModelView> MakeFlowView();
std::unique_ptr<ModelView> MakeMadeView();  // lessons/made_view.cpp
std::unique_ptr<ModelView> MakeDbmView();   // lessons/dbm_view.cpp
std::unique_ptr<ModelView> MakeGumbelVaeView();

}  // namespace netlab
