-- A tiny logger writing to stderr.
local log = {
  level = "info",
  --- Writes a debug line when the level allows it.
  debug = function(message)
    if log.level == "debug" then
      io.stderr:write("[debug] ", message, "\n")
    end
  end,
}

function log.set_level(level)
  log.level = level
end

return log
