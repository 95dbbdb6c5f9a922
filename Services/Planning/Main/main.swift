import Planning
import ServiceKit

await ServiceMain.run(PlanningModule())
