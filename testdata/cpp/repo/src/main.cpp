#include <iostream>

#include "geo/polygon.hpp"

static const int kSides = 4;

/// Builds a unit square and prints its area.
int main() {
  geo::Polygon square(1, {{0, 0}, {1, 0}, {1, 1}, {0, 1}});
  square.push(geo::Point{0.5, 1.5});
  double area = geo::clamp(square.area(), 0.0, 10.0);
  std::cout << kSides << " " << area << std::endl;
  return 0;
}
