// Why netl did not write a file where others may reach (src/runtime/safe-write.ts), or read one
// (runtime/text-file.ts), in English as it says it and in Chinese.
import { shapes, zhInside } from "./shapes.js";

/** A reason inside a sentence (`cannot write F: permission denied`), in Chinese by its own shape. */
export const reasonZh = (why: string | undefined): string => zhInside(REFUSALS.shapes, why);

export const REFUSALS = shapes("refusals", {
  othersFolder: [
    "{:dir} belongs to another user (uid {:uid}), who could replace what is written there",
    "{dir} 属于另一个用户（uid {uid}），对方可以替换写在那里的内容",
  ],
  writableByOthers: [
    "{:dir} may be written by other users, who could replace what is written there",
    "{dir} 其他用户也能写入，他们可以替换写在那里的内容",
  ],
  cannotWriteIn: ["cannot write in {:dir}: {why}", (a) => `无法在 ${a.dir} 中写入：${reasonZh(a.why)}`],
  cannotWriteInAt: ["cannot write in {:dir}", "无法在 {dir} 中写入"],
  changedRead: ["{:at} changed while it was read", "{at} 在读取时被改动了"],
  changedChecked: ["it changed while it was checked", "它在检查时被改动了"],
  cannotWrite: ["cannot write {:path}: {why}", (a) => `无法写入 ${a.path}：${reasonZh(a.why)}`],
  isFolder: ["it is a folder", "它是一个目录"],
  notRegular: ["it is not a regular file", "它不是普通文件"],
  othersFile: ["{:path} belongs to another user (uid {:uid})", "{path} 属于另一个用户（uid {uid}）"],
  notFolderLink: ["{:path} is not a folder (a symbolic link)", "{path} 不是目录（而是一个符号链接）"],
  notFolder: ["{:path} is not a folder", "{path} 不是目录"],
  cannotUse: ["cannot use {:path}: {why}", (a) => `无法使用 ${a.path}：${reasonZh(a.why)}`],
  cannotMake: ["cannot make {:path}: {why}", (a) => `无法创建 ${a.path}：${reasonZh(a.why)}`],
  noFolder: ["no such folder", "没有这个目录"],
  denied: ["permission denied", "权限不够"],
  noFile: ["no such file", "没有这个文件"],
  noOneThere: ["it is a FIFO or socket with no one at the other end", "它是一个 FIFO 或套接字，另一端没有程序"],
  device: ["it is a device, not a regular file", "它是一个设备，不是普通文件"],
  disk: ["it is a disk, not a regular file", "它是一个磁盘，不是普通文件"],
  fifo: ["it is a FIFO, not a regular file", "它是一个 FIFO，不是普通文件"],
  socket: ["it is a socket, not a regular file", "它是一个套接字，不是普通文件"],
  tooBigBytes: [
    "it is larger than {max} ({:n} bytes), the most a netl file may hold",
    "它超过了 {max}（{n} 字节），这是一个 netl 文件的上限",
  ],
  tooBig: ["it is larger than {max}, the most a netl file may hold", "它超过了 {max}，这是一个 netl 文件的上限"],
});
