// Folio's Mustache engine beyond the spec: where it stops on a malformed template, escaping on bytes, the
// transforms themes may use (swift-mustache's set), typed lookups down the context stack, and what a value
// that is not text renders as.
import Testing
@testable import Folio

private struct Item: TemplateValue {
    var name: String
    var tags: [String]
    var note: String?
    static let templateFields = TemplateFields<Self>([
        "name": { $0.name }, "tags": { $0.tags }, "note": { $0.note },
    ])
}

private struct Page: TemplateValue {
    var title: String
    var count: Int
    var items: [Item]
    var flag: Bool
    static let templateFields = TemplateFields<Self>([
        "title": { $0.title }, "count": { $0.count }, "items": { $0.items }, "flag": { $0.flag },
        "first": { $0.items.first },
    ])
}

private let page = Page(title: "Tom & \"Jerry\" <3 'em", count: 3, items: [
    Item(name: "b<", tags: ["z", "a"], note: nil), Item(name: "a", tags: [], note: "n"),
], flag: true)

private func render(_ text: String, _ context: any TemplateRepresentable = page,
                    partials: [String: String] = [:]) throws -> String {
    var library = try partials.mapValues { try Template($0) }
    library["t"] = try Template(text)
    var renderer = TemplateRenderer(templates: library)
    let found = renderer.render("t", context: TemplateData(context))
    #expect(found)
    return String(decoding: renderer.output, as: UTF8.self)
}

@Suite struct TemplateEngineTests {
    @Test(arguments: [
        ("<p>{{title</p>\n", 1, 11, "a tag is not closed"),
        ("a\nb {{#x}}\n{{/y}}", 3, 4, "a section is closed with a different name than it was opened with"),
        ("ok\n  {{=<% %> }}x\n", 2, 12, "a set-delimiter tag ({{=<% %>=}}) is malformed"),
        ("é{{!never closed", 1, 5, "a comment is not closed"),
        ("{{#a}}\n{{x}}", 2, 6, "a section is never closed"),
        ("{{<p}}{{x}}{{/p}}", 1, 18, "a parent partial ({{<name}}) may hold only blocks ({{$name}}…{{/name}})"),
        ("{{%CONTENT_TYPE:JSON}}", 1, 23, "a configuration tag names an unknown setting or content type"),
    ])
    func aMalformedTemplateIsPlacedWhereReadingStopped(text: String, line: Int, column: Int, message: String) {
        #expect(throws: TemplateParseError(line: line, column: column, message: message)) { try Template(text) }
    }

    @Test func textIsEscapedOnBytesAndTripleMustachesAreNot() throws {
        #expect(try render("{{title}}|{{{title}}}|{{&title}}")
            == "Tom &amp; &quot;Jerry&quot; &lt;3 &#39;em|Tom & \"Jerry\" <3 'em|Tom & \"Jerry\" <3 'em")
        #expect(try render("{{%CONTENT_TYPE:TEXT}}{{title}}") == "Tom & \"Jerry\" <3 'em")
        // swift-mustache compared characters, so a `<` carrying a combining mark passed through unescaped.
        #expect(try render("{{.}}", "é<\u{338}b>") == "é&lt;\u{338}b&gt;")
    }

    @Test func numbersAndFlagsRenderAsTextListsAndObjectsAsNothing() throws {
        #expect(try render("{{count}} {{flag}} [{{items}}] [{{first}}]") == "3 true [] []")
    }

    @Test func namesAreLookedUpDownTheStackAndAbsentFieldsFallThrough() throws {
        // `title` is not an item's: it comes from the page. `note` is absent on the first item, so the
        // lookup falls through to the page, which has none either.
        #expect(try render("{{#items}}{{name}}:{{title}}:{{note}};{{/items}}")
            == "b&lt;:Tom &amp; &quot;Jerry&quot; &lt;3 &#39;em:;a:Tom &amp; &quot;Jerry&quot; &lt;3 &#39;em:n;")
        #expect(try render("{{first.name}} {{#first}}{{.name}}{{/first}} {{.title}}{{#items}}{{.title}}{{/items}}")
            == "b&lt; b&lt; Tom &amp; &quot;Jerry&quot; &lt;3 &#39;em")
        #expect(try render("{{#items}}{{^tags}}none{{/tags}}{{#tags}}{{.}}{{/tags}},{{/items}}") == "za,none,")
    }

    @Test func transformsAreSwiftMustaches() throws {
        #expect(try render("{{count(items)}} {{^empty(items)}}some{{/empty(items)}} {{uppercased(title)}}")
            == "2 some TOM &amp; &quot;JERRY&quot; &lt;3 &#39;EM")
        #expect(try render("{{#items}}{{#sorted(tags)}}{{.}}{{/sorted(tags)}}{{#reversed(tags)}}{{.}}{{/reversed(tags)}};{{/items}}")
            == "azaz;;")
        #expect(try render("{{#items}}{{plusone(index())}}{{#first()}}F{{/first()}}{{#last()}}L{{/last()}}{{/items}}")
            == "1F2L")
        #expect(try render("{{plusone(count)}} {{minusone(count)}} {{#odd(count)}}odd{{/odd(count)}} {{#equalzero(count)}}0{{/equalzero(count)}}")
            == "4 2 odd ")
        #expect(try render("{{#first(items)}}{{name}}{{/first(items)}} {{#last(items)}}{{name}}{{/last(items)}}") == "b&lt; a")
        // A transform a value does not have, or a list position outside a list, leaves the value absent.
        #expect(try render("[{{uppercased(count)}}][{{sorted(items)}}][{{index()}}][{{reversed(flag)}}]") == "[][][][]")
    }

    @Test func aStandalonePartialIndentsEveryLineItRenders() throws {
        let partials = ["row": "<li>{{name}}</li>\n<li>again</li>\n"]
        #expect(try render("<ul>\n  {{#items}}\n    {{>row}}\n  {{/items}}\n</ul>\n", partials: partials)
            == "<ul>\n    <li>b&lt;</li>\n    <li>again</li>\n    <li>a</li>\n    <li>again</li>\n</ul>\n")
    }

    @Test func aParentsBlocksAreFilledByTheOutermostOverride() throws {
        let partials = ["layout": "<main>{{$body}}empty{{/body}}</main>{{$foot}}©{{/foot}}",
                        "middle": "{{<layout}}{{$body}}middle{{/body}}{{$foot}}m{{/foot}}{{/layout}}"]
        #expect(try render("{{<middle}}{{$body}}{{title}}{{/body}}{{/middle}}", partials: partials)
            == "<main>Tom &amp; &quot;Jerry&quot; &lt;3 &#39;em</main>m")
    }

    @Test func aMissingTemplateRendersNothingAndSaysSo() {
        var renderer = TemplateRenderer(templates: [:])
        let found = renderer.render("nowhere", context: TemplateData(page))
        #expect(!found)
        #expect(renderer.output.isEmpty)
    }

    /// A table of many fields (several to a probe chain) finds each by its key, and a name it lacks is absent
    /// however its hash falls.
    @Test func aFieldTableFindsEachOfItsFieldsAndNoOther() {
        let names = (0..<50).map { "field\($0)" }
        var reads: [String: TemplateFields<Int>.Read] = [:]
        for (offset, name) in names.enumerated() { reads[name] = { $0 + offset } }
        let table = TemplateFields<Int>(table: reads)
        #expect(table.names == Set(names))
        for (offset, name) in names.enumerated() {
            guard case .number(let value) = table.value(FieldKey(name), of: 1000) else {
                Issue.record("\(name) was not found")
                continue
            }
            #expect(value == 1000 + offset)
        }
        for missing in ["field50", "Field1", "", "field1 ", "title"] {
            guard case .absent = table.value(FieldKey(missing), of: 0) else {
                Issue.record("'\(missing)' was found in a table without it")
                continue
            }
        }
    }

    @Test func templatesThatShareAPartialFindItByName() throws {
        let partials = ["item": "[{{name}}]", "list": "{{#items}}{{>item}}{{/items}}"]
        #expect(try render("{{>list}}|{{>list}}", partials: partials) == "[b&lt;][a]|[b&lt;][a]")
    }
}
