const util = require("util");
const { EOL } = require("os");

let level = "info";

/** Writes one formatted log line. */
function info(...args) {
  if (level === "silent") return;
  process.stdout.write(util.format(...args) + EOL);
}

const handlers = {
  // Changes the level at run time.
  setLevel(next) {
    level = next;
  },
  reset: () => {
    level = "info";
  },
};

module.exports = { info, handlers };
