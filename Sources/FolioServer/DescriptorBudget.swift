// Whether this process can still open files. Out of descriptors, every read of the build fails and the engine
// reports the files as missing ("missing Content/site.yml"); the server checks first and names the real cause.
#if canImport(Glibc)
import Glibc

enum DescriptorBudget {
    /// A sentence for the user when no descriptor is left (EMFILE, or ENFILE for the whole system), else nil.
    static func exhaustion() -> String? {
        let probe = open("/dev/null", O_RDONLY | O_CLOEXEC)
        if probe >= 0 {
            close(probe)
            return nil
        }
        let reason = errno
        guard reason == EMFILE || reason == ENFILE else { return nil }
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        let whose = reason == EMFILE ? "folio serve has all \(limit.rlim_cur) file descriptors it may open in use"
            : "the system has run out of file descriptors"
        return "cannot read the project: \(whose) (too many open connections?); close some, or raise the limit "
            + "with `ulimit -n`, then save again"
    }
}
#endif
