#pragma once
// A double that counts the arithmetic done with it, so the backprop inspector can show how many
// operations each way of differentiating needs. Every +, -, *, /, negation and exp adds one to the
// counter its operands point at (constants made from a double point nowhere and count through the
// other operand).
#include <cmath>

namespace netlab {

struct CountedNumber {
  double value = 0.0;
  long* operations = nullptr;  // shared tally; null for a constant

  CountedNumber() = default;
  CountedNumber(double v) : value(v) {}  // NOLINT: constants like T(1.0) in the graph's formulas
  CountedNumber(double v, long* counter) : value(v), operations(counter) {}
};

namespace counted_detail {
inline CountedNumber Result(double v, const CountedNumber& a, const CountedNumber& b) {
  long* counter = a.operations ? a.operations : b.operations;
  if (counter) ++*counter;
  return CountedNumber(v, counter);
}
}  // namespace counted_detail

inline CountedNumber operator+(const CountedNumber& a, const CountedNumber& b) {
  return counted_detail::Result(a.value + b.value, a, b);
}
inline CountedNumber operator-(const CountedNumber& a, const CountedNumber& b) {
  return counted_detail::Result(a.value - b.value, a, b);
}
inline CountedNumber operator*(const CountedNumber& a, const CountedNumber& b) {
  return counted_detail::Result(a.value * b.value, a, b);
}
inline CountedNumber operator/(const CountedNumber& a, const CountedNumber& b) {
  return counted_detail::Result(a.value / b.value, a, b);
}
inline CountedNumber operator-(const CountedNumber& a) { return counted_detail::Result(-a.value, a, a); }
inline CountedNumber exp(const CountedNumber& a) { return counted_detail::Result(std::exp(a.value), a, a); }

}  // namespace netlab
