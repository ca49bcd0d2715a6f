-- | The billing package, one import for its users.
module Billing (module Billing.Tax) where

import Billing.Tax
