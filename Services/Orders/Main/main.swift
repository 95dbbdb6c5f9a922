import Orders
import ServiceKit

await ServiceMain.run(OrdersModule())
