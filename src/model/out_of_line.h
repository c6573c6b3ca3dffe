// OutOfLine<T>: a member kept on the heap and allocated on its first write, for what most
// values of its owner leave unset. An unset one costs a null pointer and reads as a
// default-constructed T, so readers need not tell "unset" from "empty". Copies are deep.
//
// Threads: a value type, as safe as the T it holds.
#pragma once

#include <memory>

namespace cradle {

template <class T>
class OutOfLine {
 public:
  OutOfLine() = default;
  OutOfLine(const OutOfLine& other) : value_(copy(other)) {}
  OutOfLine(OutOfLine&&) noexcept = default;
  OutOfLine& operator=(const OutOfLine& other) {
    if (this != &other) value_ = copy(other);
    return *this;
  }
  OutOfLine& operator=(OutOfLine&&) noexcept = default;
  ~OutOfLine() = default;

  // Whether it was written to (and so allocated).
  bool has_value() const { return value_ != nullptr; }
  const T& operator*() const { return value_ ? *value_ : unset(); }
  const T* operator->() const { return &**this; }
  // The value to write to, allocated now if it was unset.
  T& edit() {
    if (!value_) value_ = std::make_unique<T>();
    return *value_;
  }

  bool operator==(const OutOfLine& other) const { return **this == *other; }

 private:
  static const T& unset() {
    static const T value;
    return value;
  }
  static std::unique_ptr<T> copy(const OutOfLine& other) {
    return other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
  }

  std::unique_ptr<T> value_;
};

}  // namespace cradle
