#include "teaching/differentiation_modes.h"

#include "teaching/counted_number.h"
#include "teaching/dual_number.h"
#include "teaching/scalar_graph.h"

namespace netlab {
namespace {

// Values of every node of `graph` on number type T, inputs taken from `values` (indexed by node id).
template <class T>
void EvaluateGraph(const ScalarGraph& graph, std::vector<T>& values) {
  const std::vector<ScalarGraph::Node>& nodes = graph.nodes();
  for (size_t i = 0; i < nodes.size(); ++i) {
    const ScalarGraph::Node& n = nodes[i];
    if (n.op == ScalarGraph::Op::kInput) continue;
    const T& a = values[size_t(n.a)];
    const T& b = n.b >= 0 ? values[size_t(n.b)] : a;
    values[i] = ScalarGraph::Apply(n.op, a, b);
  }
}

// The graph's inputs as T, each counting into `counter`, with `w1_seed`/`w2_seed` added to the weights.
template <class T>
std::vector<T> InputValues(const LectureExample& e, const std::vector<T>& weights) {
  std::vector<T> values(e.graph.nodes().size());
  for (size_t i = 0; i < values.size(); ++i) values[i] = T(e.graph.nodes()[i].value);
  values[size_t(e.w1)] = weights[0];
  values[size_t(e.w2)] = weights[1];
  return values;
}

}  // namespace

DifferentiationComparison CompareDifferentiationModes(const LecturePoint& p, double step) {
  const LectureExample e = BuildLectureExample(p.w1, p.w2, p.x1, p.x2, p.y);
  DifferentiationComparison out;
  out.loss = e.graph.node(e.loss).value;
  const int weight_ids[2] = {e.w1, e.w2};
  const double weights[2] = {p.w1, p.w2};

  {  // One plain pass, the yardstick.
    long count = 0;
    std::vector<CountedNumber> values = InputValues<CountedNumber>(
        e, {CountedNumber(p.w1, &count), CountedNumber(p.w2, &count)});
    for (CountedNumber& v : values) v.operations = &count;
    EvaluateGraph(e.graph, values);
    out.forward_pass_operations = count;
  }

  {  // Central differences: error O(h²) from truncation plus O(ε_machine / h) from rounding.
    DerivativeEstimate& fd = out.finite_differences;
    fd.method = "finite differences";
    long count = 0;
    double derivative[2];
    for (int k = 0; k < 2; ++k) {
      const CountedNumber h(step, &count);
      double loss_at[2];
      for (int side = 0; side < 2; ++side) {
        std::vector<CountedNumber> w = {CountedNumber(p.w1, &count), CountedNumber(p.w2, &count)};
        w[size_t(k)] = side == 0 ? w[size_t(k)] + h : w[size_t(k)] - h;
        std::vector<CountedNumber> values = InputValues(e, w);
        for (CountedNumber& v : values) v.operations = &count;
        EvaluateGraph(e.graph, values);
        loss_at[side] = values[size_t(e.loss)].value;
        ++fd.graph_passes;
      }
      const CountedNumber plus(loss_at[0], &count), minus(loss_at[1], &count);
      derivative[k] = ((plus - minus) / (CountedNumber(2.0) * h)).value;
    }
    fd.d_w1 = derivative[0];
    fd.d_w2 = derivative[1];
    fd.operations = count;
  }

  {  // By hand: dL/dw = (σ(u) − y) σ(u) (1 − σ(u)) du/dw with du/dw1 = x1³, du/dw2 = x2. Each derivative
     // is evaluated as its own formula, as a symbolic package that does not share subexpressions would.
    DerivativeEstimate& sym = out.symbolic;
    sym.method = "symbolic";
    long count = 0;
    const CountedNumber w1(p.w1, &count), w2(p.w2, &count), x1(p.x1, &count), x2(p.x2, &count), y(p.y, &count);
    auto sigmoid_of_u = [&]() {
      const CountedNumber u = w1 * (x1 * x1 * x1) + w2 * x2;
      return CountedNumber(1.0) / (CountedNumber(1.0) + exp(-u));
    };
    {
      const CountedNumber s = sigmoid_of_u();
      sym.d_w1 = ((s - y) * s * (CountedNumber(1.0) - s) * (x1 * x1 * x1)).value;
    }
    {
      const CountedNumber s = sigmoid_of_u();
      sym.d_w2 = ((s - y) * s * (CountedNumber(1.0) - s) * x2).value;
    }
    sym.operations = count;
  }

  {  // Dual numbers: seed one weight's tangent with 1, read dL/dw off the loss's tangent.
    DerivativeEstimate& fwd = out.forward_mode;
    fwd.method = "forward mode";  // dual numbers
    long count = 0;
    double derivative[2];
    for (int k = 0; k < 2; ++k) {
      using D = Dual<CountedNumber>;
      std::vector<D> w = {D(CountedNumber(p.w1, &count), CountedNumber(k == 0 ? 1.0 : 0.0, &count)),
                          D(CountedNumber(p.w2, &count), CountedNumber(k == 1 ? 1.0 : 0.0, &count))};
      std::vector<D> values = InputValues(e, w);
      for (D& v : values) {
        v.value.operations = &count;
        v.tangent.operations = &count;
      }
      EvaluateGraph(e.graph, values);
      derivative[k] = values[size_t(e.loss)].tangent.value;
      ++fwd.graph_passes;
    }
    fwd.d_w1 = derivative[0];
    fwd.d_w2 = derivative[1];
    fwd.operations = count;
  }

  {  // Backpropagation: values forward, then dL/d(node) backward by the chain rule, all weights at once.
    DerivativeEstimate& rev = out.reverse_mode;
    rev.method = "reverse mode";  // backpropagation
    long count = 0;
    std::vector<CountedNumber> values =
        InputValues<CountedNumber>(e, {CountedNumber(weights[0], &count), CountedNumber(weights[1], &count)});
    for (CountedNumber& v : values) v.operations = &count;
    EvaluateGraph(e.graph, values);
    std::vector<CountedNumber> gradient(values.size(), CountedNumber(0.0, &count));
    gradient[size_t(e.loss)] = CountedNumber(1.0, &count);
    CountedNumber unused(0.0, &count);
    const std::vector<ScalarGraph::Node>& nodes = e.graph.nodes();
    for (size_t i = nodes.size(); i-- > 0;) {
      const ScalarGraph::Node& n = nodes[i];
      if (n.op == ScalarGraph::Op::kInput) continue;
      const CountedNumber& a = values[size_t(n.a)];
      const CountedNumber& b = n.b >= 0 ? values[size_t(n.b)] : a;
      CountedNumber& grad_b = n.b >= 0 ? gradient[size_t(n.b)] : unused;
      ScalarGraph::AccumulateLocal(n.op, a, b, values[i], gradient[i], gradient[size_t(n.a)], grad_b);
    }
    rev.graph_passes = 2;
    rev.d_w1 = gradient[size_t(weight_ids[0])].value;
    rev.d_w2 = gradient[size_t(weight_ids[1])].value;
    rev.operations = count;
  }
  return out;
}

}  // namespace netlab
