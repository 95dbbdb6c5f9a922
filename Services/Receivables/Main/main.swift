import Receivables
import ServiceKit

await ServiceMain.run(ReceivablesModule())
