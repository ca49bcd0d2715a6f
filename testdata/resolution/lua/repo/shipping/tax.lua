--- Import duty of a parcel.
local M = {}

function M.compute(weight)
  return 2.5 + weight * 0.1
end

function M.exempt(parcel)
  return parcel.weight < 0.5
end

return M
