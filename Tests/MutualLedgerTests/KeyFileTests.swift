import Foundation
import MutualLedger
import Testing

/// Runs `openssl` with `arguments`; throws if it fails.
func openssl(_ arguments: [String], in directory: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["openssl"] + arguments
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw LedgerError(.io, "openssl \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
    }
}

func mode(of url: URL) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    return ((attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1) & 0o777
}

func chmod(_ url: URL, _ mode: Int) throws {
    try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
}

struct KeyFileTests {
    @Test func generateWritesPKCS8PEMWithMode0600() throws {
        try withTemporaryDirectory("keys") { dir in
            let url = dir.appendingPathComponent("alice.pem")
            let key = SigningKey.generate()
            try key.write(to: url)
            #expect(try mode(of: url) == 0o600)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
            #expect(text.hasSuffix("-----END PRIVATE KEY-----\n"))
            let loaded = try SigningKey.load(from: url)
            #expect(loaded.publicKey == key.publicKey)
            #expect(try loaded.sign(Array("x".utf8)) == key.sign(Array("x".utf8)))
        }
    }

    @Test func writeNeverOverwrites() throws {
        try withTemporaryDirectory("keys") { dir in
            let url = dir.appendingPathComponent("k.pem")
            try SigningKey.generate().write(to: url)
            let before = try Data(contentsOf: url)
            #expect { try SigningKey.generate().write(to: url) } throws: { ($0 as? LedgerError)?.code == .alreadyExists }
            #expect(try Data(contentsOf: url) == before)
        }
    }

    @Test func opensslKeyLoadsUnchangedAndReadsBackIdentically() throws {
        try withTemporaryDirectory("keys") { dir in
            let url = dir.appendingPathComponent("openssl.pem")
            try openssl(["genpkey", "-algorithm", "ed25519", "-out", url.path], in: dir)
            try chmod(url, 0o600)
            let key = try SigningKey.load(from: url)
            #expect(key.pem == (try String(contentsOf: url, encoding: .utf8)))
        }
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o700])
    func loadRefusesKeysReadableByOthers(permissions: Int) throws {
        try withTemporaryDirectory("keys") { dir in
            let url = dir.appendingPathComponent("loose.pem")
            try SigningKey.generate().write(to: url)
            try chmod(url, permissions)
            if permissions & 0o077 == 0 {
                _ = try SigningKey.load(from: url)
                return
            }
            #expect { try SigningKey.load(from: url) } throws: { error in
                guard let error = error as? LedgerError else { return false }
                return error.code == .keyFile && error.message.contains("chmod 600")
            }
        }
    }

    /// Files that are not usable Ed25519 private keys, each made by openssl or by hand (mode 0600).
    enum BadKey: String, CaseIterable, Sendable {
        case rsa, p256, encrypted, truncated, empty, publicOnly, garbage, directory, missing
    }

    @Test(arguments: BadKey.allCases)
    func loadRefusesBadKeyFiles(kind: BadKey) throws {
        try withTemporaryDirectory("keys") { dir in
            let url = dir.appendingPathComponent("bad.pem")
            switch kind {
            case .rsa: try openssl(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out", url.path], in: dir)
            case .p256: try openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", url.path], in: dir)
            case .encrypted:
                try openssl(["genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:secret", "-out", url.path], in: dir)
            case .truncated:
                let pem = Array(SigningKey.generate().pem.utf8)
                try Data(pem.prefix(pem.count / 2)).write(to: url)
            case .empty: try Data().write(to: url)
            case .publicOnly: try Data(SigningKey.generate().publicKey.pem.utf8).write(to: url)
            case .garbage: try Data([0xff, 0x00, 0x41, 0x0a]).write(to: url)
            case .directory: try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
            case .missing: break
            }
            if kind != .directory && kind != .missing { try chmod(url, 0o600) }
            #expect { try SigningKey.load(from: url) } throws: { error in
                guard let error = error as? LedgerError else { return false }
                return error.code == .keyFile && error.exitCode == 65 && !error.message.contains("\n")
            }
        }
    }
}
