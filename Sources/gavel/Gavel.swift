@main struct Gavel { static func main() {} }
