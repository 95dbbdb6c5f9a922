import Console

await ConsoleMain.run()
