/// The console speaks Russian by default; English can be chosen per session.
public enum Language: String, Sendable, CaseIterable {
    case ru, en

    /// Every text a page shows, by key (Texts/Russian.swift, Texts/English.swift).
    var texts: [String: String] {
        switch self {
        case .ru: Russian.texts
        case .en: English.texts
        }
    }

    func text(_ key: String) -> String { texts[key] ?? key }
}
