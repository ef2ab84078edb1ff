import ArgumentParser
print("mutual")
