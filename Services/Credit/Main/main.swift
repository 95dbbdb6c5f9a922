import Credit
import ServiceKit

await ServiceMain.run(CreditModule())
