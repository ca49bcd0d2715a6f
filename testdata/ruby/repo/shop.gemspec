# frozen_string_literal: true

require_relative "lib/shop"

Gem::Specification.new do |spec|
  spec.name = "shop"
  spec.version = Shop::VERSION
  spec.summary = "Carts, prices and reports"
  spec.files = Dir["lib/**/*.rb"]
end
