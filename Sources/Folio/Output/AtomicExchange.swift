// Swapping the new site in with one system call where the kernel offers it: Linux's renameat2 with
// RENAME_EXCHANGE trades two paths atomically, so a kill at any moment leaves either the old site or the new one
// under the output path, never neither. glibc declares renameat2 only for _GNU_SOURCE, which Swift's Glibc
// module does not set, so the symbol is looked up at run time.
import Foundation

enum AtomicExchange {
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    private static let renameat2: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    enum Outcome: Equatable {
        case exchanged
        /// The kernel, the file system or the C library cannot exchange: the caller falls back to two renames.
        case unsupported
        case failed(String)
    }

    /// Exchanges the folders at `first` and `second`, both of which must exist.
    static func exchange(_ first: String, _ second: String) -> Outcome {
        guard let renameat2 else { return .unsupported }
        let exchangeFlag: UInt32 = 1 << 1  // RENAME_EXCHANGE in <linux/fs.h>
        let atCurrentDirectory: Int32 = -100  // AT_FDCWD
        if renameat2(atCurrentDirectory, first, atCurrentDirectory, second, exchangeFlag) == 0 { return .exchanged }
        let code = errno
        if code == ENOSYS || code == EINVAL || code == ENOTSUP { return .unsupported }
        return .failed(String(cString: strerror(code)))
    }
}
