local Cart = require("shop.cart")

describe("Cart", function()
  it("totals its lines", function()
    local c = Cart.new({ loyal = false })
    c:add("apple", 1.5, 2)
    assert.are.equal(3.6, c:total())
  end)
end)
