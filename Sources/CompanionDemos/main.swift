// `companion <demo>`: runs one of the articles' demos and prints what happens.
import Foundation

let demos: [(name: String, summary: String, run: () -> Void)] = [
    ("backoff-schedule", "retry delays with capped exponential backoff and full jitter", backoffSchedule),
]

let arguments = CommandLine.arguments.dropFirst()
if let name = arguments.first, let demo = demos.first(where: { $0.name == name }) {
    demo.run()
} else {
    let problem = arguments.first.map { "unknown demo '\($0)'\n" } ?? ""
    let list = demos.map { "  \($0.name.padding(toLength: 20, withPad: " ", startingAt: 0)) \($0.summary)" }
    FileHandle.standardError.write(Data((problem + "usage: companion <demo>\n\ndemos:\n" + list.joined(separator: "\n") + "\n").utf8))
    exit(arguments.isEmpty || arguments.first == "--help" ? 0 : 2)
}
