#include "geo/polygon.hpp"

#include <cmath>

namespace geo {

Polygon::Polygon(ShapeId id, PointList corners) : Shape(id), corners_(std::move(corners)) {}

// Shoelace formula over the corners.
double Polygon::area() const {
  double sum = 0;
  for (std::size_t i = 0; i < corners_.size(); ++i) {
    const Point& a = corners_[i];
    const Point& b = corners_[(i + 1) % corners_.size()];
    sum += a.x * b.y - b.x * a.y;
  }
  return std::abs(sum) / 2;
}

void Polygon::push(Point p) { corners_.push_back(p); }

}  // namespace geo
