#pragma once

#include <string>
#include <vector>

/// Largest number of shapes a scene may hold.
#define GEO_MAX_SHAPES 256

namespace geo {

/// Tolerance used when comparing coordinates.
constexpr double kEpsilon = 1e-9;

/** A point in the plane. */
struct Point {
  double x;
  double y;
};

enum class Color { Red, Green, Blue };

using PointList = std::vector<Point>;

typedef unsigned int ShapeId;

/// Base class of all drawable shapes.
class Shape {
 public:
  explicit Shape(ShapeId id) : id_(id) {}
  virtual ~Shape() = default;

  /// Area in square units.
  virtual double area() const = 0;

  ShapeId id() const { return id_; }

 private:
  ShapeId id_;
};

namespace detail {
union Bits {
  double value;
  unsigned long long raw;
};
}  // namespace detail

}  // namespace geo
