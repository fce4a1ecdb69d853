/// Turns a request head into a response: routing, files, the 404 page, live-reload injection and the
/// failed-build page. Pure apart from reading files, so every rule sits in one place.
struct RequestHandler: Sendable {
    let files: StaticFileResolver
    let hub: LiveReloadHub

    /// Is this the server-sent-events endpoint? (Answered by the connection, which keeps it open.)
    static func isEventStream(_ head: HTTPRequestHead) -> Bool {
        guard case .success(let path) = RequestPathDecoder.decode(head.target) else { return false }
        return path.segments == [LiveReloadHub.reservedPrefix, Array("events".utf8)]
    }

    func respond(to head: HTTPRequestHead) -> HTTPResponse {
        guard head.method == "GET" || head.method == "HEAD" else {
            return .text(405, "405 Method Not Allowed", headers: [("Allow", "GET, HEAD")])
        }
        let path: DecodedPath
        switch RequestPathDecoder.decode(head.target) {
        case .success(let decoded): path = decoded
        case .failure(.badRequest): return .text(400, "400 Bad Request")
        case .failure(.forbidden): return .text(403, "403 Forbidden")
        }
        if path.segments.first == LiveReloadHub.reservedPrefix { return notFound() }
        switch files.resolve(path) {
        case .file(let realPath, let name):
            guard let body = StaticFileResolver.readFile(realPath) else { return notFound() }
            let type = MediaTypes.type(forFileName: name)
            if type == MediaTypes.html { return html(status: 200, body) }
            return HTTPResponse(status: 200, headers: [("Content-Type", type)], body: body)
        case .redirect(let location):
            return .text(301, "301 Moved Permanently: \(location)", headers: [("Location", location)])
        case .notFound:
            return notFound()
        case .forbidden:
            return .text(403, "403 Forbidden")
        }
    }

    /// The site's own `404.html` with status 404, or plain text when the site has none.
    private func notFound() -> HTTPResponse {
        let page = DecodedPath(segments: [Array("404.html".utf8)], rawPath: Array("/404.html".utf8),
                               query: nil, isFolderForm: false)
        if case .file(let realPath, _) = files.resolve(page), let body = StaticFileResolver.readFile(realPath) {
            return html(status: 404, body)
        }
        if let failure = hub.snapshot.failure {
            return errorPage(failure, generation: hub.snapshot.generation)
        }
        return .text(404, "404 Not Found")
    }

    /// Every HTML response goes through here: with the reload script after a good build, replaced by
    /// the error page (status 500) after a failed one.
    private func html(status: Int, _ body: [UInt8]) -> HTTPResponse {
        let state = hub.snapshot
        if let failure = state.failure { return errorPage(failure, generation: state.generation) }
        return HTTPResponse(status: status, headers: [("Content-Type", MediaTypes.html)],
                            body: LiveReloadPage.inject(into: body, generation: state.generation))
    }

    private func errorPage(_ diagnostics: String, generation: Int) -> HTTPResponse {
        HTTPResponse(status: 500, headers: [("Content-Type", MediaTypes.html)],
                     body: LiveReloadPage.errorPage(diagnostics: diagnostics, generation: generation))
    }
}
