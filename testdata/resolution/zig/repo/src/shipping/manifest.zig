pub const Manifest = struct {
    parcels: u32 = 0,

    pub fn init() Manifest {
        return .{};
    }
};
