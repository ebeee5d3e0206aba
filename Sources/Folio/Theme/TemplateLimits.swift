// Checks on a theme's templates that the engine would otherwise meet as stack depth: sections nested without
// bound (the parser recurses per section) and partials that include themselves (rendering recurses forever;
// Folio's contexts are flat, so a cycle can never end on data).

enum TemplateLimits {
    static let maximumSectionDepth = 100

    struct Problem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// The first place where sections (`{{#…}}`, `{{^…}}`, `{{$…}}`, `{{<…}}`) nest deeper than the limit.
    static func sectionNestingProblem(in text: String) -> Problem? {
        let bytes = Array(text.utf8)
        var depth = 0, line = 1, lineStart = 0
        var index = 0
        while index + 2 < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            } else if byte == 0x7B, bytes[index + 1] == 0x7B {  // "{{"
                switch bytes[index + 2] {
                case 0x23, 0x5E, 0x24, 0x3C:  // # ^ $ <
                    depth += 1
                    if depth > maximumSectionDepth {
                        return Problem(line: line, column: index - lineStart + 1, message:
                            "sections nested more than \(maximumSectionDepth) deep; Folio reads at most \(maximumSectionDepth)")
                    }
                case 0x2F: depth = max(0, depth - 1)  // /
                default: break
                }
                index += 2
                continue
            }
            index += 1
        }
        return nil
    }

    /// Cycles of partial references (`header` → `nav` → `header`), each reported once, at the reference that
    /// closes it. Found with an explicit stack: the chain of partials is itself a theme author's input.
    static func partialCycles(_ references: [String: [ThemeLoader.PartialReference]]) -> [(template: String, reference: ThemeLoader.PartialReference, cycle: [String])] {
        var found: [(String, ThemeLoader.PartialReference, [String])] = []
        var state: [String: Int] = [:]  // 1: on the current path, 2: finished
        for start in references.keys.sorted() where state[start] == nil {
            var path: [String] = [start]
            var cursors: [Int] = [0]
            state[start] = 1
            while let template = path.last {
                let outgoing = references[template] ?? []
                let cursor = cursors[cursors.count - 1]
                guard cursor < outgoing.count else {
                    state[template] = 2
                    path.removeLast()
                    cursors.removeLast()
                    continue
                }
                cursors[cursors.count - 1] += 1
                let reference = outgoing[cursor]
                switch state[reference.name] {
                case 1:
                    let from = path.firstIndex(of: reference.name) ?? 0
                    found.append((template, reference, Array(path[from...]) + [reference.name]))
                case nil where references[reference.name] != nil:
                    state[reference.name] = 1
                    path.append(reference.name)
                    cursors.append(0)
                default: break
                }
            }
        }
        return found
    }
}
