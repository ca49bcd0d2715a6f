local tax = require("shipping.tax")

local M = {}

function M.label(parcel)
  if tax.exempt(parcel) then
    return parcel.address
  end
  return parcel.address .. " (duty " .. tax.compute(parcel.weight) .. ")"
end

return M
