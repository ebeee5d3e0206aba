// The grammars for configuration, build, query and protocol formats, each in its own file in this folder.

enum OtherGrammars {
    static let all: [any Grammar] = [
        ProtobufGrammar(), DockerfileGrammar(), MakefileGrammar(), TOMLGrammar(), INIGrammar(), DiffGrammar(),
        HTTPGrammar(), PromQLGrammar(), NginxGrammar(),
    ]
}
