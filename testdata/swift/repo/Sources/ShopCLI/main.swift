import Shop

let cart = Cart(owner: CommandLine.arguments.dropFirst().first ?? "guest")
try cart.add(sku: "book", price: Money(cents: 1_250))
print(cart.describe())
