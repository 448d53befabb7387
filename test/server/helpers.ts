import { request as httpRequest } from 'node:http'
import { connect, type Socket } from 'node:net'

/** One HTTP/1.1 exchange over a real socket, with the raw response head and body. */
export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Sends a request through node:http's client (its own connection unless an agent is given). */
export function send(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: any } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: options.agent ?? false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        )
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Opens a raw TCP connection, for writing requests byte by byte. */
export function rawConnect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket))
    socket.on('error', reject)
  })
}

/** Collects everything a socket sends until it closes or `ms` pass. */
export function readAll(socket: Socket, ms = 2000): Promise<string> {
  return new Promise((resolve) => {
    let data = ''
    const timer = setTimeout(() => resolve(data), ms)
    socket.on('data', (chunk) => {
      data += chunk.toString()
    })
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(data)
    })
  })
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
