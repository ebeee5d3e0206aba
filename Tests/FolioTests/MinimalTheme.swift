// The theme engine tests build with: each page template in a few lines, one fact per line, so a test asserts on
// what the engine put into the context (titles, content, links, head tags) rather than on the default theme's
// design. Tests of the default theme itself ask TestSite for it (`TestSite(files, theme: .default)`).

enum MinimalTheme {
    /// Folder name under Themes/, as site.yml names it.
    static let name = "minimal"

    /// Template files, by path relative to the theme folder.
    static let files: [String: String] = [
        "templates/layout.mustache": """
            <!doctype html>
            <html lang="{{site.language}}">
            <head>
            <title>{{page.fullTitle}}</title>
            {{#page.description}}<meta name="description" content="{{page.description}}">
            {{/page.description}}
            <link rel="canonical" href="{{page.canonicalURL}}">
            <meta property="og:type" content="{{page.ogType}}">
            <meta property="og:url" content="{{page.absoluteURL}}">
            {{#page.image}}<meta property="og:image" content="{{url}}">
            {{/page.image}}
            {{#page.structuredData}}<script type="application/ld+json">{{{page.structuredData}}}</script>
            {{/page.structuredData}}
            </head>
            <body>
            <nav>{{#navigation}}<a href="{{url}}"{{#isCurrent}} aria-current="page"{{/isCurrent}}>{{label}}</a>{{/navigation}}</nav>
            {{$main}}{{/main}}
            </body>
            </html>

            """,
        "templates/post-list.mustache": """
            <ul class="posts">
            {{#posts}}<li><a href="{{url}}">{{title}}</a>{{#seriesLabel}} ({{seriesLabel}}){{/seriesLabel}}{{#isDraft}} [draft]{{/isDraft}}</li>
            {{/posts}}
            </ul>

            """,
        "templates/home.mustache": """
            {{<layout}}{{$main}}
            <h1>{{site.title}}</h1>
            {{{content}}}
            {{>post-list}}
            <ul class="series">
            {{#seriesList}}<li><a href="{{url}}">{{title}}</a> ({{partCount}} parts)</li>
            {{/seriesList}}
            </ul>
            {{/main}}{{/layout}}

            """,
        "templates/post.mustache": """
            {{<layout}}{{$main}}
            <h1>{{post.title}}</h1>
            {{#post.dateISO}}<time datetime="{{post.dateISO}}">{{post.date}}</time>
            {{/post.dateISO}}
            {{#post.isDraft}}<p>[draft]</p>
            {{/post.isDraft}}
            {{#post.tags}}<a class="tag" href="{{url}}">{{name}}</a>
            {{/post.tags}}
            {{#post.series}}<p class="series"><a href="{{url}}">{{title}}</a>: Part {{partNumber}} of {{partCount}}</p>
            <ol>{{#parts}}<li>{{#isCurrent}}<strong>{{title}}</strong>{{/isCurrent}}{{^isCurrent}}<a href="{{url}}">{{title}}</a>{{/isCurrent}}</li>{{/parts}}</ol>
            {{/post.series}}
            {{#post.previous}}<a rel="prev" href="{{url}}">{{label}}</a>
            {{/post.previous}}
            {{#post.next}}<a rel="next" href="{{url}}">{{label}}</a>
            {{/post.next}}
            {{#post.hasTOC}}<nav class="toc">{{{post.toc}}}</nav>
            {{/post.hasTOC}}
            {{{post.content}}}
            {{/main}}{{/layout}}

            """,
        "templates/page.mustache": """
            {{<layout}}{{$main}}
            <h1>{{page.title}}</h1>
            {{{content}}}
            {{/main}}{{/layout}}

            """,
        "templates/series.mustache": """
            {{<layout}}{{$main}}
            <h1>{{series.title}}</h1>
            {{#series.summary}}<p>{{series.summary}}</p>
            {{/series.summary}}
            <ol class="parts">
            {{#posts}}<li><a href="{{url}}">{{title}}</a>{{#isDraft}} [draft]{{/isDraft}}</li>
            {{/posts}}
            </ol>
            {{/main}}{{/layout}}

            """,
        "templates/series-index.mustache": """
            {{<layout}}{{$main}}
            <h1>{{page.title}}</h1>
            <ul class="series">
            {{#seriesList}}<li><a href="{{url}}">{{title}}</a> ({{partCount}} parts)</li>
            {{/seriesList}}
            </ul>
            {{/main}}{{/layout}}

            """,
        "templates/tag.mustache": """
            {{<layout}}{{$main}}
            <h1>{{tag.name}}</h1>
            {{>post-list}}
            {{/main}}{{/layout}}

            """,
        "templates/tags.mustache": """
            {{<layout}}{{$main}}
            <h1>{{page.title}}</h1>
            <ul class="tags">
            {{#tags}}<li><a href="{{url}}">{{name}}</a> ({{count}})</li>
            {{/tags}}
            </ul>
            {{/main}}{{/layout}}

            """,
        "templates/archive.mustache": """
            {{<layout}}{{$main}}
            <h1>{{page.title}}</h1>
            {{#years}}<h2>{{year}}</h2>
            {{>post-list}}
            {{/years}}
            {{/main}}{{/layout}}

            """,
        "templates/search.mustache": """
            {{<layout}}{{$main}}
            <h1>{{page.title}}</h1>
            {{/main}}{{/layout}}

            """,
        "templates/404.mustache": """
            {{<layout}}{{$main}}
            <h1>{{page.title}}</h1>
            {{/main}}{{/layout}}

            """,
    ]
}
