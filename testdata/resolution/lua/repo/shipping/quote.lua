local duty = require("shipping.tax").compute

local M = {}

function M.quote(parcel)
  return duty(parcel.weight)
end

return M
