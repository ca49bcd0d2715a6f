#pragma once

#include "geo/shape.hpp"

namespace geo {

/// A closed polygon given by its corners.
class Polygon : public Shape {
 public:
  Polygon(ShapeId id, PointList corners);

  double area() const override;

  /// Adds a corner at the end.
  void push(Point p);

 private:
  PointList corners_;
};

template <typename T>
T clamp(T value, T lo, T hi) {
  return value < lo ? lo : (value > hi ? hi : value);
}

}  // namespace geo
