import Foundation
import Projections
import Testing

/// Renders an HTML report with headless Chromium through Ops/render-html.sh, when Chromium is installed
/// (CI installs it through the script itself; see .ci/run).
@Suite struct HTMLRenderTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var chromiumInstalled: Bool {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test(.enabled(if: chromiumInstalled), arguments: [ReportDocument.Kind.partnership, .compliance])
    func rendersToPNG(_ kind: ReportDocument.Kind) throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let html = fixture.root.appendingPathComponent("report.html")
        let png = fixture.root.appendingPathComponent("report.png")
        try Data(try fixture.report(kind, partnership: kind == .partnership ? "p1" : nil).render(.html)).write(to: html)
        let process = Process()
        process.executableURL = Self.packageRoot.appendingPathComponent("Ops/render-html.sh")
        process.arguments = [html.path, png.path, "1000x1400"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let bytes = try Data(contentsOf: png)
        #expect(bytes.count > 10_000)
        #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    }
}
