#pragma once
// The discrete-latent lesson (task `gumbel-vae`) as a run the page and the headless trainer step alike:
// a CategoricalVae (models/categorical_vae.h) with `latent` groups of `categories` classes and the dense
// layer's units as its hidden width, on the data binarised at 0.5, trained by the config's optimizer on
// the relaxed -ELBO with the Gumbel-softmax temperature annealed as
// τ = max(gumbel_temperature_min, gumbel_temperature · exp(−gumbel_anneal · update)). A report is one
// epoch, measured by the discrete model's exact test ELBO against the independent-Bernoulli-pixel
// baseline fitted in closed form to the training set.
#include <memory>
#include <string>
#include <vector>

#include "models/categorical_vae.h"
#include "data/task_data.h"
#include "optim/optimizer.h"
#include "tasks/cd_settings.h"
#include "tasks/run_base.h"

namespace netlab {

class GumbelVaeRun : public RunBase {
 public:
  GumbelVaeRun(const Config& config, const TaskData& data);
  void Step() override;
  // "step=N epoch=E temperature=.. train_loss=.. test_elbo=.. baseline=..": the annealed τ, the
  // relaxed loss, the hard-sample ELBO on the test rows and the per-pixel Bernoulli baseline.
  std::string ReportLine() override;
  std::vector<Matrix*> Parameters() override;

  CategoricalVae& vae() { return *vae_; }
  double Temperature() const;  // τ of the next update
  double last_loss() const { return last_loss_; }
  // The discrete model's ELBO on up to 500 binarised test rows (nats per image).
  double TestElbo();
  // Test log-likelihood per image of independent Bernoulli pixels fitted to the training set (exact).
  double baseline() const { return baseline_; }
  const Matrix& test_rows() const { return test_; }  // binarised
  const Matrix& pixel_means() const { return pixel_means_; }  // the baseline's fitted p_i

  static constexpr int kMaxHidden = 256;

 private:
  std::unique_ptr<CategoricalVae> vae_;
  std::unique_ptr<Optimizer> optimizer_;
  std::vector<ParameterRef> parameters_;
  Matrix train_, test_, batch_, pixel_means_;
  double baseline_ = 0.0, last_loss_ = 0.0;
};

// The rows with every value above 0.5 set to 1 and the rest to 0.
Matrix Binarised(const Matrix& rows);

// The categorical VAE's own check (the task table's validate): at most 16 groups and 256 categories in all.
std::string ValidateGumbelVae(const Config& config);

}  // namespace netlab
