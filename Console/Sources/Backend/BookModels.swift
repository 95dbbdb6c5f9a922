import Contracts
import Foundation

// A KAM's book as planning lists it, and the dunning levels receivables keeps.

struct ClientBook: Decodable {
    struct Client: Decodable {
        var clientId: String
        var name: String?
        var kamId: String
        var tier: String
        var status: String
        var overdueAmount: Money
        var lastContact: BusinessDate?
    }
    var clients: [Client]
    var nextOffset: Int?
}

struct DunningList: Decodable {
    struct Client: Decodable {
        var clientId: String
        var level: Int
    }
    var clients: [Client]
    var nextOffset: Int?
}
