package = "shopkit"
version = "1.0-1"
source = { url = "git+https://example.com/shopkit.git" }
build = {
  type = "builtin",
  modules = {
    ["shopkit.money"] = "src/money.lua",
  },
}
