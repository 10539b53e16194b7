#pragma once
// Dual numbers a + a'ε with ε² = 0 for forward-mode differentiation: evaluating f on x + 1ε gives
// f(x) + f'(x)ε, so one pass carries the derivative along one input direction (Griewank & Walther,
// "Evaluating Derivatives", ch. 3). T is the number type of both parts (double, or CountedNumber to
// count the arithmetic).
#include <cmath>

namespace netlab {

template <class T>
struct Dual {
  T value;
  T tangent;  // d(value)/d(seeded input)

  Dual() : value(0.0), tangent(0.0) {}
  Dual(double v) : value(v), tangent(0.0) {}  // NOLINT: constants have no tangent
  Dual(const T& v, const T& t) : value(v), tangent(t) {}
};

template <class T>
Dual<T> operator+(const Dual<T>& a, const Dual<T>& b) {
  return Dual<T>(a.value + b.value, a.tangent + b.tangent);
}
template <class T>
Dual<T> operator-(const Dual<T>& a, const Dual<T>& b) {
  return Dual<T>(a.value - b.value, a.tangent - b.tangent);
}
template <class T>
Dual<T> operator-(const Dual<T>& a) {
  return Dual<T>(-a.value, -a.tangent);
}
// (a + a'ε)(b + b'ε) = ab + (a'b + ab')ε
template <class T>
Dual<T> operator*(const Dual<T>& a, const Dual<T>& b) {
  return Dual<T>(a.value * b.value, a.tangent * b.value + a.value * b.tangent);
}
// Quotient rule: (a/b)' = (a'b - ab') / b²
template <class T>
Dual<T> operator/(const Dual<T>& a, const Dual<T>& b) {
  return Dual<T>(a.value / b.value, (a.tangent * b.value - a.value * b.tangent) / (b.value * b.value));
}
// exp(a + a'ε) = e^a + a' e^a ε
template <class T>
Dual<T> exp(const Dual<T>& a) {
  using std::exp;
  const T e = exp(a.value);
  return Dual<T>(e, a.tangent * e);
}

}  // namespace netlab
