import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'

/**
 * Model-list servers on 127.0.0.1 for the drift tests: `/NAME/v1/models`
 * answers an OpenAI-style list of what `lists.NAME` holds now, after
 * `delays.NAME` ms; a name whose list is `'down'` answers 503. Tests change
 * the lists between runs.
 */
export interface ModelListServers {
  url: (name: string) => string
  lists: Record<string, string[] | 'down'>
  delays: Record<string, number>
  close: () => Promise<void>
}

export async function startModelListServers(): Promise<ModelListServers> {
  const lists: Record<string, string[] | 'down'> = {}
  const delays: Record<string, number> = {}
  const server: Server = createServer((req, res) => {
    const name = /^\/([^/]+)\/v1\/models$/.exec(req.url ?? '')?.[1] ?? ''
    const list = lists[name]
    setTimeout(() => {
      if (list === undefined || list === 'down') {
        res.writeHead(list === 'down' ? 503 : 404, {'content-type': 'application/json'}).end('{"error": "unavailable"}')
        return
      }
      res.writeHead(200, {'content-type': 'application/json'}).end(JSON.stringify({object: 'list', data: list.map((id) => ({id, object: 'model'}))}))
    }, delays[name] ?? 0)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: (name) => `http://127.0.0.1:${port}/${name}/v1/models`,
    lists,
    delays,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
