#if FUZZING
#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer entry point: the target is chosen by `MUTUAL_FUZZ_TARGET` (see Ops/fuzz/run.sh).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzTargets.run(FuzzSelection.target, bytes)
    return 0
}

/// libFuzzer's driver (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// SwiftPM links an executable's entry as `<module>_main` (it renames `main` so tests can link the
/// module), so libFuzzer's own `main` is never used: start its driver from here instead.
@_cdecl("mutual_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}

enum FuzzSelection {
    static let target: String = {
        guard let raw = getenv("MUTUAL_FUZZ_TARGET") else { return "" }
        return String(cString: raw)
    }()
}
#else
import Foundation

/// Without libFuzzer: `mutual-fuzz TARGET FILE_OR_DIR...` replays inputs (a corpus, a crash file)
/// through a target, so a finding can be reproduced with an ordinary debug build.
@main
struct FuzzReplay {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        guard let target = arguments.first, FuzzTargets.names.contains(target) else {
            FuzzOutput.stderr("usage: mutual-fuzz \(FuzzTargets.names.joined(separator: "|")) FILE_OR_DIR...")
            exit(64)
        }
        var count = 0
        for path in arguments.dropFirst() {
            for file in files(at: path) {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                FuzzTargets.run(target, Array(data))
                count += 1
            }
        }
        print("\(target): \(count) inputs replayed, no finding")
    }

    static func files(at path: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { path + "/" + $0 }
    }
}
#endif
